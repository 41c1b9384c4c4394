"""Scripts that build the shipped models and tokenizer parameters from ``datasets/`` (not shipped in the wheel)."""
