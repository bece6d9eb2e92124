// Schemas for the search area: requests, responses and the OpenAPI document share them.
export {};
