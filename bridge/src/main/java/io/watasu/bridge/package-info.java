/** Terraform provider: translates Terraform's plugin protocol into calls on the renderer's model, editor and Git publisher. */
package io.watasu.bridge;
