"""A profile as an Excel/WPS workbook for office staff: `layout` derives the sheets and columns from the
profile models, `write` writes a template or a filled workbook, `read` turns a filled one back into a profile.
"""
