// Integration tests wait on a real broker and database.
jest.setTimeout(60_000);
