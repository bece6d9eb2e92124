// Schemas for the realtime area: requests, responses and the OpenAPI document share them.
export {};
