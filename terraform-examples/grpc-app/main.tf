# The documentation's example: grpc-app serves gRPC privately to api-app and billing-app of team acme.
terraform {
  required_providers {
    watasu = { source = "watasu.io/watasu/watasu" }
  }
}

variable "repository" {
  description = "Git URL or local path of the repository holding watasu.yaml."
  type        = string
}

provider "watasu" {
  repository = var.repository
  branch     = "main"
  file       = "watasu.yaml"
}

resource "watasu_app" "grpc" {
  team = "acme"
  name = "grpc-app"
  processes = {
    web        = { command = "bundle exec puma" }
    "grpc-tcp" = { command = "bundle exec grpc_server", port = 50051 }
  }
}

resource "watasu_app" "api" {
  team = "acme"
  name = "api-app"
  processes = {
    web    = { command = "node server.js" }
    worker = { command = "node worker.js" }
  }
}

resource "watasu_app" "billing" {
  team = "acme"
  name = "billing-app"
  processes = {
    web = { command = "bundle exec puma" }
  }
}

resource "watasu_app_trust" "grpc" {
  app     = watasu_app.grpc.name
  trusted = [watasu_app.api.name, watasu_app.billing.name]
}

data "watasu_internal_endpoint" "grpc" {
  app     = watasu_app.grpc.name
  process = "grpc-tcp"
}

output "grpc_endpoint" {
  description = "Where api-app and billing-app reach grpc-app's gRPC server."
  value       = "${data.watasu_internal_endpoint.grpc.hostname}:${data.watasu_internal_endpoint.grpc.port}"
}
