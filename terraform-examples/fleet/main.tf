# Apps of a fleet. The repository's watasu.yaml declares the clusters and where each team runs (as
# examples/fleet.yaml does: staging, eu-prod and us-prod, team acme on all three); Terraform places apps on
# clusters of their team.
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

# Production only.
resource "watasu_app" "ledger" {
  team     = "acme"
  name     = "ledger-app"
  clusters = ["eu-prod", "us-prod"]
  processes = {
    "ledger-tcp" = { command = "bin/ledger", port = 7100 }
  }
}

# No clusters: every cluster of team acme.
resource "watasu_app" "checkout" {
  team = "acme"
  name = "checkout-app"
  processes = {
    web = { command = "bin/checkout" }
  }
}

# The grant holds where both apps run: on eu-prod and us-prod.
resource "watasu_app_trust" "ledger" {
  app     = watasu_app.ledger.name
  trusted = [watasu_app.checkout.name]
}

data "watasu_internal_endpoint" "ledger" {
  app     = watasu_app.ledger.name
  process = "ledger-tcp"
}

output "ledger_endpoint" {
  value = "${data.watasu_internal_endpoint.ledger.hostname}:${data.watasu_internal_endpoint.ledger.port}"
}

output "ledger_clusters" {
  value = data.watasu_internal_endpoint.ledger.clusters
}
