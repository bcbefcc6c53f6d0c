"""What the app and the commands do with the family's data: the domain joined to storage."""
