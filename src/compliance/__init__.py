"""compliance: checks society profiles against 宁科协发学字〔2024〕10号 with a declarative rule set."""

__version__ = "0.1.0"
