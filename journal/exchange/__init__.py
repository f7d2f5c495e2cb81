"""Exchange formats: the journal going out (CSV, the clinician report) and coming back in."""
