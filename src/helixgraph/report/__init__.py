"""The ecosystem report: the analysis of the networks the store holds, per scope and year."""
