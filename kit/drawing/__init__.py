"""Drawing PDF pages with reportlab: the certificate paper of a pack (certificate.py)."""
