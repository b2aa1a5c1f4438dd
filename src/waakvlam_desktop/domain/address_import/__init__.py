"""CSV import of complexes, addresses and (optionally) households and residents.

The file comes from the corporation's own systems (an Excel or ERP export). The steps are
separate functions so the GUI wizard can show each one:

1. :func:`.mapping.read_preview` — detect encoding and separator (:mod:`.reading`), read
   the header and the first rows, and propose a column mapping
   (:func:`.mapping.default_mapping`);
2. :func:`.mapping.resolve_mapping` — the mapping the user confirmed (column name → field);
3. :func:`.writing.import_addresses` — validate every row (:mod:`.validation`), plan it
   against the vault (:mod:`.planning`), then write everything or nothing.

All-or-nothing: a file with any error writes nothing and yields a report, row by row
(line number, column, field, Dutch reason), that :func:`.report.report_to_csv` turns into
CSV. A dry run gives the same report without writing. Re-importing updates the existing
addresses by VHE code instead of duplicating them. See docs/import.md.

Callers import from the module that owns a name (``address_import.writing``,
``address_import.mapping``, …); this package re-exports nothing.
"""
