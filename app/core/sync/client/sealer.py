"""End-to-end mode: templates sealed with the organisation key before they leave the device."""

from __future__ import annotations

import base64

import numpy as np
import numpy.typing as npt

from wire import schemas


class TemplateSealer:
    """AES-256-GCM for end-to-end organisations: the org key (from the keyring) never leaves the devices.

    Ciphertext = 12-byte random nonce || sealed float32 vector || 16-byte tag; the associated data binds it
    to its template uuid and model, so the service cannot swap ciphertexts between templates unnoticed.
    Trade-off: the service cannot search or verify (it answers 409); every device searches its own copy."""

    def __init__(self, key: bytes, key_id: str = "org-key-1") -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        if len(key) != 32:
            raise ValueError("the organisation key must be 32 bytes (AES-256)")
        self._aead = AESGCM(key)
        self.key_id = key_id

    @staticmethod
    def _aad(template_uuid: str, model_id: str, model_version: str) -> bytes:
        return f"faceattend-template|{template_uuid}|{model_id}|{model_version}".encode()

    def seal(self, template_uuid: str, model_id: str, model_version: str, vector: npt.ArrayLike) -> str:
        import os

        nonce = os.urandom(12)
        plain = np.asarray(vector, dtype="<f4").reshape(-1).tobytes()
        sealed = self._aead.encrypt(nonce, plain, self._aad(template_uuid, model_id, model_version))
        return base64.b64encode(nonce + sealed).decode("ascii")

    def open(self, template: schemas.TemplateOut) -> npt.NDArray[np.float32]:
        if template.ciphertext_b64 is None:
            raise ValueError("template is not sealed")
        raw = base64.b64decode(template.ciphertext_b64)
        aad = self._aad(str(template.uuid), template.model_id, template.model_version)
        plain = self._aead.decrypt(raw[:12], raw[12:], aad)
        return np.frombuffer(plain, dtype="<f4").astype(np.float32)
