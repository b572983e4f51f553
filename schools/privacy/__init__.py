"""What the school keeps about its records (FERPA, COPPA): consent, disclosures, inspection requests, retention."""
