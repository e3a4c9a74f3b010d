"""The WCO Data Model goods declaration (DEC-DMS:2): the first format, and the canonical one.

Its :class:`~single_window.formats.Format` record is ``_format.FORMAT``; the registry
loads it when a format is first needed, so importing a module of this folder (its
namespaces, say) does not load the reader and writer.
"""
