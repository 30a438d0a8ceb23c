// The published wire types of both hubs and the error codes: one definition, held to the C# contracts by
// tests/LbcCommunity.Tests/Web/WireTypesTests.cs. Import them from here (or from ../convening).
export * from "./enums";
export * from "./errors";
export * from "./convening";
export * from "./plan";
export * from "./monitoring";
export * from "./hubs";
