"""cogtui: a terminal UI to understand what went wrong with an Amazon Cognito sign-in."""

__version__ = "0.1.0"
