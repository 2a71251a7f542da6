"""Team projects on a server: connecting, the connection state and other members' commits."""
