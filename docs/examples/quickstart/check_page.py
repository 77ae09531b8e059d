"""Fetches a URL and checks that it serves the generated greeting."""
import sys
import urllib.request

url = sys.argv[1]
with urllib.request.urlopen(url, timeout=5) as response:
    body = response.read().decode()
if "<h1>" not in body:
    sys.exit(f"{url} did not serve the generated page")
print(f"{url} ok")
