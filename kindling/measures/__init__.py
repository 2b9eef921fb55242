"""Measures: validated questionnaires as data, exact scoring, batch scoring and FHIR."""
