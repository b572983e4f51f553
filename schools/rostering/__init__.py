"""Roster import (OneRoster 1.1/1.2 CSV and the plain CSV/XLSX template) and export for the active school.

Modules: ``files`` (uploads, zips, text and CSV decoding), ``oneroster`` and ``template`` (readers, and the
template's writer), ``records`` (what the readers produce), ``planning`` (what an import would change),
``services`` (the workflows), ``selectors``, ``progress``, ``tasks``, ``forms``, ``views``, ``urls``.
"""
