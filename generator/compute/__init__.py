"""Every number a report prints, exact, each with its formula and inputs."""
