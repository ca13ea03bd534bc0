"""Built-in regency plugins: one module per regulation."""
