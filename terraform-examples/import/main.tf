# Adopting an app that was written into watasu.yaml by hand:
#
#   terraform import watasu_app.legacy acme/legacy-app
#   terraform import watasu_app_trust.legacy legacy-app
#
# or, with Terraform 1.5 and later, with the import blocks in imports.tf, which adopt the apps during the next
# plan and apply.
#
# After the import, `terraform plan` shows no changes when this configuration matches the file.
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

resource "watasu_app" "legacy" {
  team = "acme"
  name = "legacy-app"
  processes = {
    web        = { command = "./bin/server" }
    "jobs-tcp" = { command = "./bin/jobs", port = 7000 }
  }
}

resource "watasu_app_trust" "legacy" {
  app     = watasu_app.legacy.name
  trusted = []
}
