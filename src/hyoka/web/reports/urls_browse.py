"""Routes (filled in with their views)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
