package db

// Migrations exposes the schema's history to the external tests.
var Migrations = migrations
