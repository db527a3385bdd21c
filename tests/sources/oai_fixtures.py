"""OAI-PMH pages in arXiv's real schemas (OAI-PMH 2.0 envelope, arXivRaw and arXiv formats)."""

from __future__ import annotations

from xml.sax.saxutils import escape

ENVELOPE = """<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ \
http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">
<responseDate>2026-11-20T10:00:00Z</responseDate>
<request verb="ListRecords" metadataPrefix="arXivRaw" set="cs:cs">\
https://oaipmh.arxiv.org/oai</request>
{body}
</OAI-PMH>
"""


def raw_record(
    paper_id: str,
    datestamp: str,
    *,
    title: str = "",
    categories: str = "cs.LG",
    versions: tuple[str, ...] = ("Mon, 12 Jun 2017 17:57:34 GMT",),
    authors: str = "Ada Lovelace and Alan M. Turing",
    deleted: bool = False,
) -> str:
    status = ' status="deleted"' if deleted else ""
    header = (
        f"<header{status}><identifier>oai:arXiv.org:{paper_id}</identifier>"
        f"<datestamp>{datestamp}</datestamp><setSpec>cs:cs:LG</setSpec></header>"
    )
    if deleted:
        return f"<record>{header}</record>"
    version_xml = "".join(
        f'<version version="v{i}"><date>{d}</date><size>1024kb</size>'
        f"<source_type>D</source_type></version>"
        for i, d in enumerate(versions, 1)
    )
    return f"""<record>{header}
<metadata>
<arXivRaw xmlns="http://arxiv.org/OAI/arXivRaw/" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
xsi:schemaLocation="http://arxiv.org/OAI/arXivRaw/ http://arxiv.org/OAI/arXivRaw.xsd">
<id>{paper_id}</id><submitter>Ada Lovelace</submitter>{version_xml}
<title>{escape(title or "Paper " + paper_id)}</title>
<authors>{escape(authors)}</authors>
<categories>{categories}</categories>
<comments>10 pages</comments>
<license>http://creativecommons.org/licenses/by/4.0/</license>
<abstract>  We study {paper_id} with deep
networks.
</abstract>
</arXivRaw>
</metadata>
</record>"""


def arxiv_format_record(paper_id: str, datestamp: str, created: str) -> str:
    return f"""<record><header><identifier>oai:arXiv.org:{paper_id}</identifier>
<datestamp>{datestamp}</datestamp><setSpec>cs:cs:CL</setSpec></header>
<metadata>
<arXiv xmlns="http://arxiv.org/OAI/arXiv/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
xsi:schemaLocation="http://arxiv.org/OAI/arXiv/ http://arxiv.org/OAI/arXiv.xsd">
<id>{paper_id}</id><created>{created}</created><updated>{datestamp}</updated>
<authors><author><keyname>Vaswani</keyname><forenames>Ashish</forenames>\
<affiliation>Google Brain</affiliation></author>\
<author><keyname>Shazeer</keyname><forenames>Noam</forenames></author></authors>
<title>Attention Is All You Need</title>
<categories>cs.CL cs.LG</categories>
<comments>15 pages, 5 figures</comments>
<journal-ref>NIPS 2017</journal-ref>
<doi>10.5555/3295222.3295349</doi>
<license>http://arxiv.org/licenses/nonexclusive-distrib/1.0/</license>
<abstract>  The dominant sequence transduction models are based on complex recurrent networks.
</abstract>
</arXiv>
</metadata>
</record>"""


def list_records_page(records: list[str], token: str | None, cursor: int, total: int) -> bytes:
    if token is None:
        token_xml = f'<resumptionToken cursor="{cursor}" completeListSize="{total}"/>'
    else:
        token_xml = (
            f'<resumptionToken cursor="{cursor}" completeListSize="{total}" '
            f'expirationDate="2026-11-21T10:00:00Z">{token}</resumptionToken>'
        )
    return ENVELOPE.format(
        body=f"<ListRecords>{''.join(records)}{token_xml}</ListRecords>"
    ).encode()


def error_page(code: str, message: str) -> bytes:
    return ENVELOPE.format(body=f'<error code="{code}">{message}</error>').encode()


def serve_harvest(
    server,
    records: list[str],
    per_page: int,
    *,
    set_spec: str = "cs:cs",
    prefix: str = "arXivRaw",
    from_: str | None = None,
    token_base: str = "6960524",
) -> list[tuple]:
    """Register the pages of one ListRecords harvest; return each page's route key."""
    from tests.sources.fixture_server import Reply

    pages = [records[i : i + per_page] for i in range(0, len(records), per_page)] or [[]]
    keys = []
    for n, chunk in enumerate(pages):
        last = n == len(pages) - 1
        token = None if last else f"{token_base}|{(n + 1) * per_page + 1}"
        body = list_records_page(chunk, token, n * per_page, len(records))
        if n == 0:
            query = {
                "verb": "ListRecords",
                "metadataPrefix": prefix,
                "set": set_spec,
                "from": from_,
            }
        else:
            query = {"verb": "ListRecords", "resumptionToken": f"{token_base}|{n * per_page + 1}"}
        keys.append(server.add("/oai", query, Reply(body=body)))
    return keys
