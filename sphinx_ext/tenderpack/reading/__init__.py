"""Reading untrusted input files: found, opened safely, parsed into located YAML; text kinds."""
