"""The lessons handbook's build tools: load, validate, model and derive the handbook.

Nothing here imports MkDocs except ``mkdocs_plugin``, which adapts this core to MkDocs' events.
"""
