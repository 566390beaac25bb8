"""Hypothesis strategies and assertions for content repos' own tests."""
