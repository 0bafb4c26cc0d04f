"""The provincial exchange (与省级管理平台的互联互通): versioned JSON files, their checks, and the city summary.

Pure code: no Qt, no SQLAlchemy, no services. The services under ``app/services/exchange`` gather the data
and store what is imported; everything here is a function of plain values.
"""
