"""Developer tools that are not benchmarks: run the app on a free port, take screenshots, score
mutation testing. Imported by the browser tests and the benchmarks; never by the app."""
