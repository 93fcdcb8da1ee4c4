// Participation
