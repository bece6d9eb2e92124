// Schemas for the exports area: requests, responses and the OpenAPI document share them.
export {};
