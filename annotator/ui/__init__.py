"""The Qt GUI. The only package that imports Qt; it calls services and never touches the database."""
