"""The demo office: a year of demo cases played through the same services as a clerk's."""
