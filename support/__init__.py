"""What the tests, the benchmarks and the tools share to build, serve and look at the site: `site` (build,
copy, serve, list the pages, the browser's path) and `engines` (Chromium, WebKit and Firefox). Nothing
here imports the tests; the benchmarks and tools never import them either."""
