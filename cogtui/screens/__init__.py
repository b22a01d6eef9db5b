"""One module per screen; screens own their workers and reach AWS only through the gateway."""
