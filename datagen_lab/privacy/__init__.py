"""Lesson 8: what generated data leaks, and differential privacy and secure aggregation, measured."""
