# Two apps of one team; api-app may call grpc-app's private gRPC service.
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
}

resource "watasu_app" "api" {
  team = "acme"
  name = "api-app"
  processes = {
    web    = { command = "node server.js" }
    worker = { command = "node worker.js" }
  }
}

resource "watasu_app" "grpc" {
  team = "acme"
  name = "grpc-app"
  processes = {
    web        = { command = "bundle exec puma" }
    "grpc-tcp" = { command = "bundle exec grpc_server", port = 50051 }
  }
}

# The whole trust list of grpc-app. Referencing the resources orders the commits: apps first, trust last.
resource "watasu_app_trust" "grpc" {
  app     = watasu_app.grpc.name
  trusted = [watasu_app.api.name]
}

data "watasu_internal_endpoint" "grpc" {
  app     = watasu_app.grpc.name
  process = "grpc-tcp"
}

output "grpc_endpoint" {
  value = "${data.watasu_internal_endpoint.grpc.hostname}:${data.watasu_internal_endpoint.grpc.port}"
}
