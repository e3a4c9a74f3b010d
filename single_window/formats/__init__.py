"""Document formats: each one recognised by its root element, with its own schema, model,
reader and writer, and a normalizer into the canonical model the rules read."""
