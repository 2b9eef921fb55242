"""The clinician's workspace: caseload and client record."""
