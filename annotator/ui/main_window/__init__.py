"""The main window and what belongs to it alone: menus, docks, the feature registry, the documents list,
backups and recovery, and changes made by other processes. The only room that may import the others."""
