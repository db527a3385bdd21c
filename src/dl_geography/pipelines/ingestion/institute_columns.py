"""The institute registry's data contract: the columns and types of ``institutes`` and
``institute_names``, whichever registry (ROR, or GRID for the study's 2018 snapshot) the
reader parses. Shared by the ROR and GRID readers and the registry merger."""

INSTITUTE_COLUMNS = {
    "institute_id": "str",
    "name": "str",
    "types": "object",
    "country_code": "str",
    "country_name": "str",
    "city": "str",
    "subdivision": "str",
    "latitude": "float64",
    "longitude": "float64",
    "n_locations": "int64",
    "grid_id": "str",
    "status": "str",
}
NAME_COLUMNS = {"institute_id": "str", "name": "str", "kind": "str", "lang": "str"}
