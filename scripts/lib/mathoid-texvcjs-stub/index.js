// See package.json: wikiparser-node requires this in a try/catch and works without it.
throw new Error('mathoid-texvcjs is not installed: this project replaces it with a stub (scripts/lib/mathoid-texvcjs-stub).');
