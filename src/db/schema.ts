// The database schema, one file per area; drizzle-kit reads the tables from here (drizzle.config.ts).
export * from "./schema/news.js";
export * from "./schema/stories.js";
export * from "./schema/readers.js";
export * from "./schema/alerts.js";
