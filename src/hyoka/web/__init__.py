"""The Django project and apps: storage, views, API, auth, workflow.

The only place Django lives; nothing imports this package.
"""
