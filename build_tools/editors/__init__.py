"""The editors' tools: what waits for review (``status``) and the publish step (``publish``)."""
