"""India-Russia defence cooperation knowledge graph."""
