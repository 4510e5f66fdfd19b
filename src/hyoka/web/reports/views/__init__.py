"""Views: thin — each checks permission, calls storage or services, and renders."""
