"""The command line's log: rich in a terminal, one plain unwrapped line per record when
piped or redirected; and no repeated deprecation warnings from dependencies."""

import logging
import sys
import warnings

from kedro.logging import RichHandler

PLAIN_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Warnings a dependency repeats on every command and the user cannot act on:
# (message pattern, category). kedro's config loader calls omegaconf's deprecated
# register_new_resolver at every load.
DEPENDENCY_WARNINGS = [(r"register_new_resolver\(\) is deprecated", UserWarning)]


def quiet_dependency_warnings() -> None:
    """Ignore the ``DEPENDENCY_WARNINGS``."""
    for message, category in DEPENDENCY_WARNINGS:
        warnings.filterwarnings("ignore", message=message, category=category)


def plain_log_when_piped(stream=None) -> bool:
    """When ``stream`` (default stdout) is not a terminal, put a plain stream handler, one
    unwrapped line per record, in place of each rich handler of the root logger.

    Kedro configures logging (conf/logging.yml, rich) before the project is imported and
    allows only its own handler classes there, so ``kedro run`` (``dl_geography.cli``)
    swaps the handler itself. Returns whether it did.
    """
    stream = stream or sys.stdout
    if hasattr(stream, "isatty") and stream.isatty():
        return False
    root = logging.getLogger()
    swapped = False
    for handler in list(root.handlers):
        if isinstance(handler, RichHandler):
            plain = logging.StreamHandler(stream)
            plain.setLevel(handler.level)
            plain.setFormatter(logging.Formatter(PLAIN_FORMAT, datefmt="%H:%M:%S"))
            root.removeHandler(handler)
            root.addHandler(plain)
            swapped = True
    return swapped
