"""The WCO Data Model goods declaration (DEC-DMS:2): the first format, and the canonical one."""
