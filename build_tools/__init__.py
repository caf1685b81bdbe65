"""The lessons handbook's build tools: load, validate, model and derive the handbook.

The packages follow the data: ``model`` (what a lesson and the handbook are), ``check`` (reading and
validating lesson files), ``pipeline`` (lessons in, a Handbook or findings out), ``derive`` (the pages,
feeds and exports made from the model) and ``render`` (the MkDocs adapter, the only code that imports
MkDocs). ``contribute`` holds the tools that write lessons; ``cli`` and ``reporters`` present findings.
"""
