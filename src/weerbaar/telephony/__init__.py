"""The national phone line: call events webhook, caller log, matching callers to cases."""
